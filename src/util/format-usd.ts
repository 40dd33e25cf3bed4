/** USD as a person reads an estimate: cents, or four places below a cent so $0.0004 is not $0.00. */
export function formatUsd(amount: number): string {
  return `$${amount.toFixed(amount > 0 && amount < 0.01 ? 4 : 2)}`
}
