import { useQuery } from '@tanstack/react-query';
import { api, type Ok, ok } from './api.ts';

export type Source = Ok<'listSources'>['items'][number];

/** Every source the record cites, by id (a few dozen: one request, cached for the visit). */
export function useSources() {
  return useQuery({
    queryKey: ['sources'],
    queryFn: async () => {
      const map = new Map<string, Source>();
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const data = await ok(
          api.GET('/api/sources', {
            params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } },
          }),
        );
        for (const s of data.items) map.set(s.id, s);
        if (!data.nextCursor) break;
        cursor = data.nextCursor;
      }
      return map;
    },
    staleTime: 10 * 60_000,
  });
}

export function useParties() {
  return useQuery({
    queryKey: ['parties'],
    queryFn: () => ok(api.GET('/api/parties', { params: { query: { limit: 50 } } })),
    staleTime: 10 * 60_000,
  });
}

export function useTopics() {
  return useQuery({
    queryKey: ['topics'],
    queryFn: () => ok(api.GET('/api/topics', { params: { query: { limit: 200 } } })),
    staleTime: 10 * 60_000,
  });
}
