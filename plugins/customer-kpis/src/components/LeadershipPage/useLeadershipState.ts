// The leadership page's state, kept in the URL's query parameters (see leadershipState.ts).
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  LeadershipState,
  readLeadershipState,
  writeLeadershipState,
} from './leadershipState';

/** The state read from the URL and a setter that writes it back (a history entry, unless `replace`). */
export function useLeadershipState(): [
  LeadershipState,
  (next: LeadershipState, options?: { replace?: boolean }) => void,
] {
  const [search, setSearch] = useSearchParams();
  const key = search.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useMemo(() => readLeadershipState(search), [key]);
  const setState = useCallback(
    (next: LeadershipState, options?: { replace?: boolean }) =>
      setSearch(writeLeadershipState(next), { replace: options?.replace }),
    [setSearch],
  );
  return [state, setState];
}
