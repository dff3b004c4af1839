/** Loading feeds from a mirror directory and syncing them from upstream: the I/O around the LoadFeeds use case. */
package org.patchwarden.app.feeds;
