/** The "Account" filter of a list page: every account the key may see, or all of them (''). */
import { useQuery } from '@apollo/client/react';
import { ACCOUNTS } from '../graphql';

export function AccountFilter({ value, onChange }: { value: string; onChange: (event: { target: { value: string } }) => void }) {
  const accounts = useQuery(ACCOUNTS);
  return (
    <label>
      Account
      <select value={value} onChange={onChange}>
        <option value="">All</option>
        {(accounts.data?.accounts ?? []).map((account) => (
          <option key={account.id} value={account.id}>
            {account.label ?? account.id}
          </option>
        ))}
      </select>
    </label>
  );
}
