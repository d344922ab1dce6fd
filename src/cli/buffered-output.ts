/**
 * Text written out in blocks of about 64 KB: one write per line would cost a system call per leaf
 * of a fleet, one write at the end would hold the whole output in memory.
 */
export class BufferedOutput {
  private pending: string[] = [];
  private size = 0;

  constructor(
    private readonly stream: { write(text: string): unknown } = process.stdout,
    private readonly blockSize = 64 * 1024,
  ) {}

  write(text: string): void {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= this.blockSize) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    this.stream.write(this.pending.join(""));
    this.pending = [];
    this.size = 0;
  }
}
