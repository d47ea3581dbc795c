/** Messages between the many-meetings orchestrator (cluster.ts) and its editor processes (meetings-editor.ts). */

export interface EditorConnection {
  /** The document's websocket URL on the process this editor uses. */
  url: string;
  /** Unique over the whole run: the editor's markers carry it (seq = editor × SEQ_SPAN + n). */
  editor: number;
}

/** Sequence numbers of one editor's markers: editor × SEQ_SPAN + 1, +2, … */
export const SEQ_SPAN = 1_000_000;

export type ToEditor =
  | { type: 'init'; connections: EditorConnection[]; perMessageDeflate: boolean }
  /**
   * Every editor types `rate` updates per second from `startMicros` (CLOCK_MONOTONIC, µs; each at its own phase)
   * until the window [fromMicros, toMicros) has passed. Updates sent inside the window are the measured ones.
   */
  | { type: 'start'; rate: number; startMicros: number; fromMicros: number; toMicros: number }
  | { type: 'progress' }
  | { type: 'report' }
  | { type: 'close' };

export type FromEditor =
  | { type: 'ready'; connected: number; failed: number; firstError: string | null }
  /** After the last send: how many of this process's updates were sent inside the window, and how late. */
  | { type: 'sent'; sentInWindow: number; lagP99Ms: number; lagMaxMs: number }
  /** Measured updates received by this process's editors so far (each editor counts each marker once). */
  | { type: 'progress'; received: number; closed: number }
  | {
      type: 'report';
      /** Latency (ms) from send to arrival at each other editor, for every measured update received. */
      latencies: Float32Array;
      received: number;
      duplicates: number;
      /** Markers an editor got back of its own (the server should not echo). */
      echoes: number;
      closes: Record<string, number>;
    };
