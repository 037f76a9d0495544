package dev.berth.oci;
