import "server-only";

/** A problem of a refused upload, naming its file when it is about one. */
export interface UploadProblem {
  file?: string;
  problem: string;
}

const FILE_LINE = /^([^\s:][^:]*\.(?:png|jpe?g|onnx|zip|gz|tgz|tar|json)): (.*)$/i;

/**
 * The `problems` of a 422 from an error message: one per line ("… and N
 * more" dropped), a line "name.ext: what" split into its file and problem.
 */
export function problemsFromMessage(message: string): UploadProblem[] {
  return message
    .split("\n")
    .filter((line) => line && !line.startsWith("…"))
    .map((line) => {
      const m = FILE_LINE.exec(line);
      return m ? { file: m[1], problem: m[2] } : { problem: line };
    });
}
