package dev.berth.http;
