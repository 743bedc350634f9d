/** Reading DL4J networks: conversion of whole networks into node graphs, the one place that walks DL4J structures. */
package dev.deeplift.dl4j.network;
