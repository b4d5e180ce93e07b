import { InvalidArgumentError } from 'commander';

/** Parses a whole number option in [min, max], naming the option in the error. */
export function parseInteger(option: string, raw: string, min: number, max: number): number {
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(`${option} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}
