// A read from the core for what is on screen now (a ticket's history, the AI's promises): fetched when
// `key` changes, an answer for an earlier key is dropped, and nothing from an earlier key is shown
// while the new one loads.
import { useEffect, useState } from 'react';
import type { ApiInput, ApiMethodName, ApiOutput } from '../../shared/api';
import type { AppError } from '../../shared/result';
import { api } from './client';

export interface ApiQuery<T> {
  data: T | null;
  error: AppError | null;
}

/**
 * `select` shapes the answer when it arrives (e.g. counts relative to the time it arrived), so render
 * stays pure. A null `input` skips the call.
 */
export function useApiQuery<M extends ApiMethodName, T = ApiOutput<M>>(
  method: M,
  input: ApiInput<M> | null,
  key: string,
  select?: (data: ApiOutput<M>) => T,
): ApiQuery<T> {
  const [state, setState] = useState<{ key: string } & ApiQuery<T>>({ key: '', data: null, error: null });
  // The input is described by `key`; the effect reruns on the key, not on a new input object.
  const skip = input === null;
  useEffect(() => {
    if (skip) return;
    let live = true;
    void api()
      .call(method, input)
      .then((r) => {
        if (!live) return;
        setState(
          r.ok
            ? { key, data: select ? select(r.data) : (r.data as T), error: null }
            : { key, data: null, error: r.error },
        );
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above: `key` stands for input and select
  }, [method, key, skip]);
  return state.key === key ? { data: state.data, error: state.error } : { data: null, error: null };
}
