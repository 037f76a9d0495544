package dev.berth.linux;
