import { useQuery } from '@tanstack/react-query';
import { ApiProblem, api, type Ok, ok } from './api.ts';

export type Me = Ok<'getMe'>;

/** The signed-in user, or null for an anonymous visitor (401). */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async (): Promise<Me | null> => {
      try {
        return await ok(api.GET('/api/me'));
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function hasRole(me: Me | null | undefined, role: Me['roles'][number]): boolean {
  return !!me && me.roles.includes(role);
}
