package dev.berth.api;
