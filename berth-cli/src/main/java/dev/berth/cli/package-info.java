package dev.berth.cli;
