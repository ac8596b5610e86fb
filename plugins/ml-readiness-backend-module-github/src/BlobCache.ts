/**
 * Git blobs by sha, least recently used first out, bounded by total size.
 * A blob's content never changes, so unchanged files are read from GitHub
 * once per backend process.
 */
export class BlobCache {
  private readonly blobs = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(sha: string): Buffer | undefined {
    const blob = this.blobs.get(sha);
    if (blob) {
      this.blobs.delete(sha);
      this.blobs.set(sha, blob);
    }
    return blob;
  }

  set(sha: string, blob: Buffer) {
    if (blob.length > this.maxBytes || this.blobs.has(sha)) {
      return;
    }
    this.blobs.set(sha, blob);
    this.bytes += blob.length;
    for (const [oldest, old] of this.blobs) {
      if (this.bytes <= this.maxBytes) {
        break;
      }
      this.blobs.delete(oldest);
      this.bytes -= old.length;
    }
  }
}
