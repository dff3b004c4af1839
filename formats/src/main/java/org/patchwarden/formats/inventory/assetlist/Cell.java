package org.patchwarden.formats.inventory.assetlist;

/** One value of the list, with where it stands, for messages such as "line 4, criticality". */
record Cell(String text, int line, String column) {

  /** Where the value is: {@code line 4, criticality}. */
  String place() {
    return "line " + line + ", " + column;
  }

  boolean isBlank() {
    return text.isBlank();
  }
}
