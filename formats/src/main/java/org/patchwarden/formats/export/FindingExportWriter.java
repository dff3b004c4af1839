package org.patchwarden.formats.export;

import java.io.IOException;
import java.io.OutputStream;
import org.patchwarden.usecase.FindingExport;

/** Writes an export of findings in one format; the stream is flushed, not closed. */
public interface FindingExportWriter {
  void write(FindingExport export, OutputStream out) throws IOException;
}
