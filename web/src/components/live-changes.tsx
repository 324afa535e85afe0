/**
 * Live updates: the proxy status changes the graph's subscription reports, as they arrive. The subscription
 * also updates the cached proxies, so the Proxies page's rows change in place; this strip says what changed.
 */
import { useState } from 'react';
import { useSubscription } from '@apollo/client/react';
import { PROXY_STATUS_CHANGES, type ProxyStatusChange } from '../graphql';

const KEPT = 5;

export function LiveChanges() {
  const [changes, setChanges] = useState<ProxyStatusChange[]>([]);
  const { error } = useSubscription(PROXY_STATUS_CHANGES, {
    onData: ({ data }) => {
      const change = data.data?.proxyStatusChanged;
      if (change) setChanges((kept) => [change, ...kept].slice(0, KEPT));
    },
  });
  if (error) return null;
  return (
    <section className="live" role="log" aria-label="Live changes" aria-live="polite" data-testid="live-changes">
      <span className="badge live-badge">live</span>
      {changes.length === 0 ? (
        <span className="muted">Proxy status changes appear here as they happen.</span>
      ) : (
        <ul>
          {changes.map((change) => (
            <li key={`${change.proxy.id}@${change.observedAt}`} data-testid="live-change">
              <strong>{change.proxy.host}</strong> ({change.proxy.account.label ?? change.proxy.account.id}){' '}
              <span className={`badge status-${change.previousStatus.toLowerCase()}`}>{change.previousStatus}</span> →{' '}
              <span className={`badge status-${change.status.toLowerCase()}`}>{change.status}</span>{' '}
              <time dateTime={change.observedAt}>{new Date(change.observedAt).toLocaleTimeString()}</time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
