import type { ReactNode } from 'react';
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { DataSession, DataSessionState } from './dataSession';
import type { DataViews } from './dataViews';

/** The data views' services for one window (see `App.tsx`). */
export interface DataServices {
  /** Feeds the canvas's runtime and keeps the selected sample. */
  readonly data: DataSession;
  /** The decision-boundary picture and the training curves. */
  readonly views: DataViews;
}

const DataContext = createContext<DataServices | null>(null);

/** Provides the window's {@link DataServices}. */
export const DataProvider = ({
  services,
  children,
}: {
  services: DataServices;
  children: ReactNode;
}) => <DataContext.Provider value={services}>{children}</DataContext.Provider>;

/** The window's data services, or null outside a provider (the canvas works without data). */
export const useDataServices = (): DataServices | null => useContext(DataContext);

const EMPTY: DataSessionState = { size: null, sample: null, problem: null };
const none = () => () => undefined;

/** The batch size and selected sample, re-rendering when they change. */
export const useDataState = (): DataSessionState => {
  const services = useContext(DataContext);
  return useSyncExternalStore(
    services?.data.subscribe ?? none,
    () => services?.data.getState() ?? EMPTY,
  );
};
