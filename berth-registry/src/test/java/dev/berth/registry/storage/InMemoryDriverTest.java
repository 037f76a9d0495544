package dev.berth.registry.storage;

class InMemoryDriverTest extends StorageDriverContract {

    @Override
    protected StorageDriver newDriver() {
        return new InMemoryDriver();
    }
}
