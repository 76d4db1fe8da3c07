// One task's open files in one partition group of the S3 sink: a file per owned Kafka partition, filled in lockstep
// (records are spread evenly over a group's partitions), uploaded as the connector's S3OutputStream does: the first
// full part opens a multipart upload (a blocking call), parts go up while the file fills, a commit uploads the rest.

import { FlowClass } from "../network/index.ts";
import type { ObjectStore } from "../storage/objectStore.ts";

/** Completion events of the sink's S3 requests (a = file index, b = bytes, ref = the FileBatch); failures are +3,
 * the retries after s3.retry.backoff.ms are +6. */
export const UploadKind = {
  created: 1,
  partDone: 2,
  completed: 3,
  createFailed: 4,
  partFailed: 5,
  completeFailed: 6,
  reissueCreate: 7,
  reissuePart: 8,
  reissueComplete: 9,
} as const;

/** What a batch needs from its sink: the bucket, where answers go, the part size and a request counter. */
export interface BatchContext {
  readonly store: ObjectStore;
  readonly actor: number;
  /** s3.part.size, bytes. */
  readonly partBytes: number;
  countRequest(): void;
}

const Phase = { filling: 0, creating: 1, committing: 2, done: 3 } as const;

/** A group's files of one rotation round, from the first record to the last file visible in S3. */
export class FileBatch {
  /** Group offset just past the last record written (bytes). */
  endOffset: number;
  /** Group bytes inside [startOffset, endOffset) the consumer jumped over (never delivered). */
  gapBytes = 0;
  /** Intended send time of the last record, set at rotation (µs). */
  toMicros = 0;
  /** Bytes per file, set at rotation (uncompressed record bytes, as ByteArrayFormat writes them). */
  fileBytes = 0;
  /** Full parts uploaded (or uploading) per file. */
  partsIssued = 0;
  /** PUT-class requests this batch issued (every file). */
  requests = 0;
  rotatedAtMicros = 0;
  /** Files whose CreateMultipartUpload has answered. */
  created = 0;
  /** UploadPart requests in flight, over all files. */
  partsOutstanding = 0;
  /** Bytes of answered UploadPart requests, over all files. */
  uploadedBytes = 0;
  // Per file: bytes of answered UploadPart requests, and PUT-class requests issued (for per-file conservation).
  readonly #uploadedByFile: Float64Array;
  readonly #requestsByFile: Float64Array;
  /** Files whose CompleteMultipartUpload has answered. */
  filesVisible = 0;
  /** Set when the blocking sequence the task thread waits on has ended; the sink clears it. */
  threadFree = false;
  /** Set when the creates finished on a record that also ends the file: the sink rotates next. */
  rotateDue = false;
  #phase: number = Phase.filling;
  #rotatePending = false;
  #commitStep = 0;
  #waitingParts = false;

  constructor(
    readonly context: BatchContext,
    /** Index of the task that owns these partitions. */
    readonly worker: number,
    /** Network host the uploads leave from. */
    readonly host: number,
    readonly group: number,
    /** Files in the batch: the group's partitions. */
    readonly files: number,
    /** Group offset of the first record (bytes). */
    readonly startOffset: number,
    /** Intended send time of the first record (µs). */
    readonly fromMicros: number,
    /** S3 prefix of file 0; file i uses prefixBase + i. */
    readonly prefixBase: number,
  ) {
    this.endOffset = startOffset;
    this.#uploadedByFile = new Float64Array(files);
    this.#requestsByFile = new Float64Array(files);
  }

  /** Part bytes in S3 for file i. */
  uploadedBytesOf(file: number): number {
    return this.#uploadedByFile[file];
  }

  /** PUT-class requests issued for file i. */
  requestsOf(file: number): number {
    return this.#requestsByFile[file];
  }

  /** Part bytes in S3 for files not yet visible (files become visible in index order). */
  uploadingBytes(): number {
    let bytes = 0;
    for (let i = this.filesVisible; i < this.files; i++) bytes += this.#uploadedByFile[i];
    return bytes;
  }

  /** Whether every file is visible in S3. */
  get done(): boolean {
    return this.#phase === Phase.done;
  }

  /** Whether the files are past rotation (committing or visible). */
  get rotated(): boolean {
    return this.#phase >= Phase.committing;
  }

  /** Each file just filled another part: upload it, or first open the uploads. True when the thread must block. */
  fillPart(rotateAfter: boolean): boolean {
    if (this.created < this.files) {
      // S3OutputStream.uploadPart opens the multipart upload on the task thread (newMultipartUpload), file by file.
      this.#phase = Phase.creating;
      this.#rotatePending = rotateAfter;
      this.#issue(UploadKind.created, this.created, 0);
      return true;
    }
    this.#issueParts();
    return false;
  }

  /** The file reached its rotation point: the thread now commits the files one after another. */
  rotate(fileBytes: number, toMicros: number, nowMicros: number): void {
    this.fileBytes = fileBytes;
    this.toMicros = toMicros;
    this.rotatedAtMicros = nowMicros;
    this.#phase = Phase.committing;
    this.#commitStep = 0;
    this.#commitNext();
  }

  /** A request answered; true when it made file `file` visible. */
  onDone(kind: number, file: number, bytes: number): boolean {
    if (kind === UploadKind.created) {
      this.created++;
      if (this.#phase === Phase.committing) this.#commitNext();
      else if (this.created < this.files) this.#issue(UploadKind.created, this.created, 0);
      else {
        this.#issueParts();
        this.#phase = Phase.filling;
        if (this.#rotatePending) this.rotateDue = true;
        else this.threadFree = true;
        this.#rotatePending = false;
      }
      return false;
    }
    if (kind === UploadKind.partDone) {
      this.partsOutstanding--;
      this.uploadedBytes += bytes;
      this.#uploadedByFile[file] += bytes;
      if (this.#waitingParts && this.partsOutstanding === 0) {
        this.#waitingParts = false;
        this.#commitNext();
      }
      return false;
    }
    this.filesVisible++;
    if (this.filesVisible < this.files) {
      this.#commitStep = 0;
      this.#commitNext();
    } else {
      this.#phase = Phase.done;
      this.threadFree = true;
    }
    return true;
  }

  /** Issues a request again after the SDK gave up on it (kind is the completion kind). */
  reissue(kind: number, file: number, bytes: number): void {
    this.#issue(kind, file, bytes);
  }

  // S3OutputStream.commit: upload what is left as the last part, wait for every part, then Complete.
  #commitNext(): void {
    const i = this.filesVisible;
    if (this.#commitStep === 0) {
      if (this.created <= i) {
        this.#issue(UploadKind.created, i, 0);
        return;
      }
      this.#commitStep = 1;
      // A file ending exactly on a part boundary has nothing left; the formula ceil(bytes / part) + 2 counts no
      // empty last part.
      const last = this.fileBytes - this.partsIssued * this.context.partBytes;
      if (last > 0) {
        this.partsOutstanding++;
        this.#issue(UploadKind.partDone, i, last);
      }
    }
    if (this.#commitStep === 1) {
      if (this.partsOutstanding > 0) {
        this.#waitingParts = true;
        return;
      }
      this.#commitStep = 2;
      this.#issue(UploadKind.completed, i, 0);
    }
  }

  #issueParts(): void {
    const bytes = this.context.partBytes;
    for (let f = 0; f < this.files; f++) this.#issue(UploadKind.partDone, f, bytes);
    this.partsOutstanding += this.files;
    this.partsIssued++;
  }

  #issue(kind: number, file: number, bytes: number): void {
    const c = this.context;
    c.countRequest();
    this.requests++;
    this.#requestsByFile[file]++;
    c.store.put(this.host, bytes, this.prefixBase + file, FlowClass.export, c.actor, kind, file, bytes, this, kind + 3);
  }
}
