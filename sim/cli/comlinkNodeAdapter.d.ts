// Types for Comlink's Node adapter, which the package ships as an .mjs file beside a .d.ts that TypeScript does
// not pair with it; the shape is the package's own NodeEndpoint.

declare module "comlink/dist/esm/node-adapter.mjs" {
  import type { Endpoint } from "comlink";
  /** The part of a Node MessagePort or Worker Comlink uses. */
  export interface NodeEndpoint {
    postMessage(message: any, transfer?: any[]): void;
    on(type: string, listener: (...args: any[]) => void): void;
    off(type: string, listener: (...args: any[]) => void): void;
    start?: () => void;
  }
  /** Adapts a Node MessagePort or Worker to Comlink's Endpoint. */
  export default function nodeEndpoint(endpoint: NodeEndpoint): Endpoint;
}
