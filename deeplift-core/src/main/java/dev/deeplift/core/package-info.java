/** The public vocabulary of deeplift4j: rules, policies and attributions, free of any DL4J type. */
package dev.deeplift.core;
