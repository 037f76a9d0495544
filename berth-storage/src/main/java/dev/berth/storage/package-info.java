package dev.berth.storage;
