package dev.guestbook.harness.stack.aws;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.BiFunction;

/**
 * Stand-ins for the SDK's clients in unit tests: each call with a request is answered by a function
 * of its name and request, or with an empty response; everything else is the SDK's own default
 * method (paginators, consumer-builder overloads), which ends in those calls.
 */
final class StandInClients {

  private StandInClients() {}

  /** A client whose calls named in {@code answers} are answered by it, others empty. */
  @SuppressWarnings("unchecked")
  static <C> C client(Class<C> type, BiFunction<String, Object, Object> answers) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("close") || method.getName().equals("serviceName")) {
            return method.getName().equals("close") ? null : type.getSimpleName();
          }
          boolean request =
              args != null
                  && args.length == 1
                  && args[0] != null
                  && args[0].getClass().getName().endsWith("Request")
                  && !method.getName().endsWith("Paginator");
          if (!request) {
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          Object answer = answers.apply(method.getName(), args[0]);
          return answer != null ? answer : empty(method);
        };
    return (C) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }

  private static Object empty(Method method) throws ReflectiveOperationException {
    Object builder = method.getReturnType().getMethod("builder").invoke(null);
    Method build = builder.getClass().getMethod("build");
    build.setAccessible(true);
    return build.invoke(builder);
  }
}
