// The part of unzipper 0.10 (a dependency of ExcelJS) that the workbook reader uses: the zip's
// central directory, read with random access, so every entry is found whatever its order.
declare module 'unzipper' {
  import type { Readable } from 'node:stream';

  export interface CentralDirectoryFile {
    readonly path: string;
    readonly type: 'File' | 'Directory';
    readonly compressedSize: number;
    readonly uncompressedSize: number;
    stream(password?: string): Readable;
  }

  export interface CentralDirectory {
    readonly files: CentralDirectoryFile[];
  }

  const unzipper: {
    readonly Open: { file(path: string): Promise<CentralDirectory> };
  };
  export default unzipper;
}
