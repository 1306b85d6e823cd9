// "Run now": triggers a run (the API answers 202 and runs it asynchronously), then polls the source's runs until a
// run newer than the last one known has finished.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  SourceRunResponse,
  SourceSummary,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CustomerKpisApi } from '../../api';
import { serverMessage } from './adminFormat';
import { PendingRun } from './SourcesTable';

interface Watched {
  /** The id of the newest run before "Run now", if any. */
  previousRunId?: number;
  run?: SourceRunResponse;
}

/** Runs sources now and follows their runs; `onFinished` is called when one has finished (to reload the list). */
export function useRunNow(
  api: CustomerKpisApi,
  options: { pollIntervalMs: number; onFinished: () => void },
) {
  const { pollIntervalMs } = options;
  const [watched, setWatched] = useState<Record<string, Watched>>({});
  const [failures, setFailures] = useState<Record<string, string>>({});
  const onFinished = useRef(options.onFinished);
  onFinished.current = options.onFinished;
  const watchedRef = useRef(watched);
  watchedRef.current = watched;

  const run = useCallback(
    async (source: SourceSummary) => {
      setFailures(({ [source.id]: _, ...rest }) => rest);
      setWatched(previous => ({
        ...previous,
        [source.id]: { previousRunId: source.lastRun?.id },
      }));
      try {
        await api.runSource(source.id);
      } catch (error) {
        setWatched(({ [source.id]: _, ...rest }) => rest);
        setFailures(previous => ({
          ...previous,
          [source.id]: serverMessage(error),
        }));
      }
    },
    [api],
  );

  const ids = Object.keys(watched).sort().join(',');
  useEffect(() => {
    if (!ids) return undefined;
    let cancelled = false;
    const timer = setTimeout(async () => {
      const updates = await Promise.all(
        ids.split(',').map(async id => {
          try {
            const [latest] = await api.listRuns(id, { limit: 1 });
            return { id, latest };
          } catch {
            return { id, latest: undefined };
          }
        }),
      );
      if (cancelled) return;
      let finished = false;
      const next = { ...watchedRef.current };
      for (const { id, latest } of updates) {
        const entry = next[id];
        if (!entry || !latest || latest.id === entry.previousRunId) continue;
        if (latest.status === 'running') {
          next[id] = { ...entry, run: latest };
        } else {
          delete next[id];
          finished = true;
        }
      }
      // a new object even when nothing changed: that schedules the next poll
      setWatched(next);
      if (finished) onFinished.current();
    }, pollIntervalMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // `watched` changes on every poll, which schedules the next one
  }, [api, ids, pollIntervalMs, watched]);

  const pending: Record<string, PendingRun> = {};
  for (const [id, entry] of Object.entries(watched))
    pending[id] = { run: entry.run };
  return { run, pending, failures };
}
