package dev.berth.testkit;
