/** Loading feeds from a mirror directory and syncing them from upstream: the I/O around the UpdateFeed use case (the loading policy). */
package org.patchwarden.app.feeds;
