// Minimal typing of the autocannon API the HTTP benchmark uses (the package ships no declarations).
declare module "autocannon" {
  interface Histogram { average: number; p50: number; p99: number; [k: string]: number }
  interface Result { requests: Histogram; latency: Histogram; non2xx: number; errors: number; timeouts: number }
  function autocannon(options: { url: string; connections?: number; duration?: number; headers?: Record<string, string> }): Promise<Result>;
  export default autocannon;
}
