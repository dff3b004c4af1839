package org.patchwarden.app.collect;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A {@code multipart/form-data} body of files (the JDK's HttpClient builds none itself). */
record Multipart(String boundary, byte[] body) {
  /** One part per file, named {@code file}, with the file's name. */
  static Multipart of(Map<String, byte[]> files, String boundary) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
          + f.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(f.getValue());
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return new Multipart(boundary, out.toByteArray());
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }
}
