/** FIRST Exploit Prediction Scoring System: the daily scores CSV reader (plain or gzip). */
package org.patchwarden.formats.feed.epss;
