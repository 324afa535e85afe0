/** The signed-in caller (Query.viewer), for every page: what it may do decides which buttons exist. */
import { createContext, useContext } from 'react';
import type { Viewer } from './graphql';

export const ViewerContext = createContext<Viewer>({ name: null, scopes: [], authenticated: true });

export function useViewer(): Viewer {
  return useContext(ViewerContext);
}

/** Write buttons exist only for a caller with the `write` scope (auth.ts's scope names). */
export function useCanWrite(): boolean {
  return useViewer().scopes.includes('write');
}
