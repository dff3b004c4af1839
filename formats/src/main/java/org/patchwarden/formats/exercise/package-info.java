/** Tabletop exercises: the scenario YAML reader and the JSON and HTML report writers. */
package org.patchwarden.formats.exercise;
