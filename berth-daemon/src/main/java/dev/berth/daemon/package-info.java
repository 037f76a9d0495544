package dev.berth.daemon;
