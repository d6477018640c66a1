/**
 * Every page of the web application, as a path pattern (`:id` a parameter). The server answers
 * the application's HTML at exactly these paths (so each page has a real URL that a reader can
 * bookmark and a search engine can follow) and the client's router draws the same list: a path
 * missing here is a 404 on the server, like any unknown address.
 */
export const WEB_PAGES = [
  '/',
  '/sign-in',
  '/dashboard',
  '/calendar',
  '/meetings',
  '/meetings/:id',
  '/decisions',
  '/decisions/:id',
  '/texts',
  '/texts/:id',
  '/work-programmes',
  '/work-programmes/:year',
  '/cooperation',
  '/timeline',
  '/sources',
  '/search',
  '/audit',
  '/admin',
] as const;

export type WebPage = (typeof WEB_PAGES)[number];
