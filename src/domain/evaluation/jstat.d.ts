// Test-only type declarations for the jStat package (a devDependency without bundled types), used
// by descriptive.test.ts as an independent reference. Nothing in src/domain imports jStat at runtime.
declare module 'jstat' {
  export const jStat: {
    mean(values: readonly number[]): number;
    stdev(values: readonly number[], sample?: boolean): number;
    median(values: readonly number[]): number;
    percentile(values: readonly number[], k: number, exclusive?: boolean): number;
  };
}
