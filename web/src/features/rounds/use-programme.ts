/** The programmes list and the one the user works on (remembered for the browser session). */
import { useCallback, useState } from 'react';
import { api, type ProgrammeSummary } from '../../api/endpoints';
import { useApi } from '../../api/use-api';

const KEY = 'shishi.programmeId';

function remembered(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function useProgramme() {
  const list = useApi(() => api.programmes(), []);
  const [chosen, setChosen] = useState<string | null>(remembered);
  const programmes = list.data ?? [];
  const programme: ProgrammeSummary | undefined = programmes.find((p) => p.id === chosen) ?? programmes[0];
  const choose = useCallback((id: string) => {
    setChosen(id);
    try {
      sessionStorage.setItem(KEY, id);
    } catch {
      // private mode: not remembered, still chosen
    }
  }, []);
  return { programmes, programme, choose, loading: list.loading, error: list.error, reload: list.reload };
}
