// Loads a promise for a component and reloads it when its inputs change or on demand, dropping stale answers.
import {
  DependencyList,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';

/** The state of a load: loading, its value, or its error. */
export interface LoaderState<T> {
  loading: boolean;
  value?: T;
  error?: Error;
  retry: () => void;
}

/** Runs `load` on mount and whenever `deps` change; an answer that arrives after a newer request is ignored. */
export function useLoader<T>(
  load: () => Promise<T>,
  deps: DependencyList,
): LoaderState<T> {
  const [state, setState] = useState<Omit<LoaderState<T>, 'retry'>>({
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    setState(previous => ({ loading: true, value: previous.value }));
    load().then(
      value => {
        if (request === latest.current) setState({ loading: false, value });
      },
      error => {
        if (request === latest.current)
          setState({
            loading: false,
            error: error instanceof Error ? error : new Error(String(error)),
          });
      },
    );
    // `load` is a new closure on every render; `deps` says when it changes meaning.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const retry = useCallback(() => setAttempt(a => a + 1), []);
  return { ...state, retry };
}
