/**
 * Translations between bytes and domain records: one package per format. What every reader shares
 * lives here: parsing limits ({@link org.patchwarden.formats.Json}, {@link
 * org.patchwarden.formats.BoundedLines}, {@link org.patchwarden.formats.CappedInputStream}) and the
 * ways files are found ({@link org.patchwarden.formats.SortedFileWalk}, {@link
 * org.patchwarden.formats.FeedDocuments}).
 */
package org.patchwarden.formats;
