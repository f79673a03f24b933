package dev.appserver.orchestrator.services;

/** The port a service was told to listen on is taken by another process. */
public final class PortInUseException extends ServiceStartException {
    private final String service;
    private final int port;

    PortInUseException(String service, int port) {
        super(service + " cannot listen on " + LoopbackPorts.HOST + ":" + port + ": the port is in use");
        this.service = service;
        this.port = port;
    }

    public String service() {
        return service;
    }

    public int port() {
        return port;
    }
}
