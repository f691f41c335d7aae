package dev.llmkit.core;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.MetricsSnapshot;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The {@link Llm}s of an application, one per service id ({@code "agent"}, {@code "condenser"},
 * {@code "title-generator"}...), as OpenHands' {@code LLMRegistry} keeps them: {@link #get} returns the
 * same {@code Llm} for the same id and an equal config, and refuses the same id with another config (a
 * {@link ErrorKind#CONFIGURATION} error naming the id and the settings that differ), so two parts of an
 * application cannot silently share, or silently split, one service's model. Each service's metrics stay
 * apart ({@link #metrics(String)}) and add up in {@link #totals()}.
 *
 * <p>Thread-safe: concurrent {@code get}s of a new id build one {@code Llm}; the others wait for it. A
 * build that fails registers nothing, so a later {@code get} tries again.
 *
 * <pre>{@code
 * LlmRegistry llms = new LlmRegistry();                            // Llms.create for each new service
 * Llm agent = llms.get("agent", file.base());
 * Llm condenser = llms.get("condenser", file.named("condenser"));
 * MetricsSnapshot spent = llms.totals();
 *
 * // Guice: inject LlmRegistry (a singleton), or bind your own:
 * bind(LlmRegistry.class).toInstance(new LlmRegistry(c -> Llms.builder().config(c).metricRegistry(metrics).build()));
 * }</pre>
 */
@Singleton
public final class LlmRegistry implements AutoCloseable {
  private final Function<LlmConfig, Llm> factory;
  private final ConcurrentMap<String, Service> services = new ConcurrentHashMap<>();
  private final List<String> order = new ArrayList<>(); // guarded by itself: ids in the order registered

  /** A registry that builds each service's {@code Llm} with {@link Llms#create(LlmConfig)}. */
  @Inject
  public LlmRegistry() {
    this(Llms::create);
  }

  /** A registry that builds each service's {@code Llm} with {@code factory} (e.g. a configured {@code Llms.builder()}). */
  public LlmRegistry(Function<LlmConfig, Llm> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * The {@code Llm} of {@code serviceId}, built from {@code config} the first time. The same id with a
   * config that is not {@link LlmConfig#equals equal} to the first is a {@link ErrorKind#CONFIGURATION}
   * error: use another service id.
   */
  public Llm get(String serviceId, LlmConfig config) {
    Objects.requireNonNull(serviceId, "serviceId");
    Objects.requireNonNull(config, "config");
    Service service = services.get(serviceId);
    if (service == null) {
      Service created = new Service(config);
      service = services.putIfAbsent(serviceId, created);
      if (service == null) {
        return build(serviceId, created);
      }
    }
    if (!service.config.equals(config)) {
      throw conflict(serviceId, service.config, config);
    }
    try {
      return service.llm.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LlmException.builder(ErrorKind.CANCELLED, "interrupted while service '" + serviceId + "' was being built")
          .cause(e).build();
    } catch (ExecutionException e) {
      // The build this caller waited for failed (and registered nothing): report the same failure.
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw LlmException.builder(ErrorKind.CONFIGURATION, "service '" + serviceId + "' could not be built")
          .cause(e.getCause()).build();
    }
  }

  /** The {@code Llm} of {@code serviceId}, when it has been built. */
  public Optional<Llm> find(String serviceId) {
    Service service = services.get(serviceId);
    return service == null ? Optional.empty() : Optional.ofNullable(service.llm.getNow(null));
  }

  /** The config {@code serviceId} was registered with, when it has been. */
  public Optional<LlmConfig> config(String serviceId) {
    Service service = services.get(serviceId);
    return service != null && service.llm.getNow(null) != null ? Optional.of(service.config) : Optional.empty();
  }

  /** The registered service ids, in the order they were first built. */
  public List<String> serviceIds() {
    synchronized (order) {
      return List.copyOf(order);
    }
  }

  /** The metrics of {@code serviceId}'s {@code Llm}; an unknown id is a {@link ErrorKind#CONFIGURATION} error. */
  public MetricsSnapshot metrics(String serviceId) {
    return find(serviceId).orElseThrow(() -> LlmException.builder(ErrorKind.CONFIGURATION, "no service '" + serviceId
        + "' is registered; the services are " + serviceIds()).build()).metrics().snapshot();
  }

  /** Each service's metrics, by service id in registration order. */
  public Map<String, MetricsSnapshot> snapshot() {
    Map<String, MetricsSnapshot> all = new LinkedHashMap<>();
    for (String id : serviceIds()) {
      find(id).ifPresent(llm -> all.put(id, llm.metrics().snapshot()));
    }
    return all;
  }

  /** The metrics of every service added up. */
  public MetricsSnapshot totals() {
    return snapshot().values().stream().reduce(MetricsSnapshot.EMPTY, MetricsSnapshot::merge);
  }

  /** Closes every service's {@code Llm} and forgets them; each failure to close is suppressed into the first. */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (String id : serviceIds()) {
      Service service = services.remove(id);
      Llm llm = service == null ? null : service.llm.getNow(null);
      if (llm == null) {
        continue;
      }
      try {
        llm.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    synchronized (order) {
      order.clear();
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "LlmRegistry" + serviceIds();
  }

  private Llm build(String serviceId, Service service) {
    Llm llm;
    try {
      llm = Objects.requireNonNull(factory.apply(service.config), "the factory returned no Llm");
    } catch (RuntimeException | Error e) {
      services.remove(serviceId, service);
      service.llm.completeExceptionally(e);
      throw e;
    }
    synchronized (order) {
      order.add(serviceId);
    }
    service.llm.complete(llm);
    return llm;
  }

  private static LlmException conflict(String serviceId, LlmConfig registered, LlmConfig requested) {
    // Only the names of the settings that differ: their values may be secrets.
    List<String> differing = new ArrayList<>();
    for (RecordComponent c : LlmConfig.class.getRecordComponents()) {
      try {
        if (!Objects.equals(c.getAccessor().invoke(registered), c.getAccessor().invoke(requested))) {
          differing.add(c.getName());
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return LlmException.builder(ErrorKind.CONFIGURATION, "service '" + serviceId + "' is already registered with"
        + " another config (differing: " + differing + "); use a new service id for another config")
        .model(registered.model()).build();
  }

  /** One service: the config it was registered with and its {@code Llm}, once built. */
  private static final class Service {
    final LlmConfig config;
    final CompletableFuture<Llm> llm = new CompletableFuture<>();

    Service(LlmConfig config) {
      this.config = config;
    }
  }
}
