/**
 * The Debian security tracker: the DSA/DLA advisory lists ({@code data/DSA/list}, {@code
 * data/DLA/list}) and the tracker's JSON export ({@code tracker/data/json}).
 */
package org.patchwarden.formats.feed.debian;
