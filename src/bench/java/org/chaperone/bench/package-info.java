/** JMH benchmarks. Built only with {@code mvn -Pbench}; run through {@code scripts/bench}. */
package org.chaperone.bench;
