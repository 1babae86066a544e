// The list's address (filters, page) as last seen, so a record page leads back to the same view.
const LAST_LIST_KEY = 'shezu.orgs.lastList';

export function rememberListSearch(search: string) {
  try {
    sessionStorage.setItem(LAST_LIST_KEY, search);
  } catch {
    // Without storage the record page simply leads back to the plain list.
  }
}

/** Where "返回名录" leads: the list as the user left it, else the plain list. */
export function lastListUrl(): string {
  try {
    return `/orgs${sessionStorage.getItem(LAST_LIST_KEY) ?? ''}`;
  } catch {
    return '/orgs';
  }
}
