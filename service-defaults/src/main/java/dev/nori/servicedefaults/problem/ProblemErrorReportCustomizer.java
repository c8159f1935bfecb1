package dev.nori.servicedefaults.problem;

import org.apache.catalina.Context;
import org.apache.catalina.core.StandardHost;

import org.springframework.boot.tomcat.TomcatContextCustomizer;

/**
 * Installs {@link ProblemErrorReportValve} as Tomcat's error report valve.
 */
public class ProblemErrorReportCustomizer implements TomcatContextCustomizer {

	@Override
	public void customize(Context context) {
		if (context.getParent() instanceof StandardHost host) {
			host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
		}
	}

}
