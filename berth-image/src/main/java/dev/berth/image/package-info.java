package dev.berth.image;
