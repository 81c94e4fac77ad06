import { formatFull, formatNumber } from '../format/formatNumber';

/** A number for people, with its exact value on hover. */
export const NumberView = ({ value, className }: { value: number; className?: string }) => (
  <span className={className} title={formatFull(value)}>
    {formatNumber(value)}
  </span>
);
