/** The parts of @sealsystems/ipp (a maintained fork of `ipp`, untyped) that cups-ipp.ts uses. */
declare module '@sealsystems/ipp' {
  export interface IppResponse {
    statusCode: string;
    [group: string]: unknown;
  }
  export interface IppPrinter {
    execute(operation: string, message: Record<string, unknown>, callback: (error: Error | null, response: IppResponse) => void): void;
  }
  const ipp: { Printer(url: string, options?: Record<string, unknown>): IppPrinter };
  export default ipp;
}
