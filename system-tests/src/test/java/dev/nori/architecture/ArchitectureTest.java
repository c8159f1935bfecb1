package dev.nori.architecture;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture rules of ARCHITECTURE.md, checked over the main classes of every
 * module.
 */
class ArchitectureTest {

	private static final List<String> SERVICES = List.of("gateway", "auth", "content", "jobs", "notification",
			"search");

	private static JavaClasses nori;

	/**
	 * One slice per Maven module: the package root of each (the core defaults have their
	 * own).
	 */
	private static final SliceAssignment MODULES = new SliceAssignment() {

		@Override
		public SliceIdentifier getIdentifierOf(JavaClass type) {
			String name = type.getPackageName();
			if (!name.startsWith("dev.nori.")) {
				return SliceIdentifier.ignore();
			}
			if (name.startsWith("dev.nori.servicedefaults.core")) {
				return SliceIdentifier.of("service-defaults-core");
			}
			String rest = name.substring("dev.nori.".length());
			int dot = rest.indexOf('.');
			return SliceIdentifier.of((dot < 0) ? rest : rest.substring(0, dot));
		}

		@Override
		public String getDescription() {
			return "Nori modules";
		}

	};

	@BeforeAll
	static void importClasses() {
		nori = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.nori");
	}

	@Test
	void sharedContractsArePlainJava() {
		classes().that()
			.resideInAPackage("dev.nori.contracts..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("dev.nori.contracts..", "java..", "org.jspecify..")
			.because("shared-contracts carry no Spring, JPA or service logic")
			.check(nori);
	}

	@Test
	void repositoriesAndEntitiesAreNotPublic() {
		noClasses().that()
			.haveSimpleNameEndingWith("Repository")
			.or()
			.areAnnotatedWith("jakarta.persistence.Entity")
			.should()
			.haveModifier(JavaModifier.PUBLIC)
			.because("persistence stays inside its feature package")
			.allowEmptyShould(true)
			.check(nori);
	}

	@Test
	void modulesAreFreeOfCycles() {
		slices().assignedFrom(MODULES).should().beFreeOfCycles().check(nori);
	}

	@Test
	void servicesDoNotReachIntoEachOther() {
		for (String service : SERVICES) {
			String[] others = SERVICES.stream()
				.filter((other) -> !other.equals(service))
				.map((other) -> "dev.nori." + other + "..")
				.toArray(String[]::new);
			noClasses().that()
				.resideInAPackage("dev.nori." + service + "..")
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(others)
				.because("services talk through events and HTTP, never through each other's code")
				.check(nori);
		}
	}

	@Test
	void sharedLibrariesDoNotDependOnServices() {
		String[] services = SERVICES.stream().map((service) -> "dev.nori." + service + "..").toArray(String[]::new);
		noClasses().that()
			.resideInAnyPackage("dev.nori.contracts..", "dev.nori.servicedefaults..", "dev.nori.eventing..",
					"dev.nori.launcher..", "dev.nori.testsupport..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(services)
			.check(nori);
	}

	@Test
	void theGatewayUsesOnlyTheTransportNeutralDefaults() {
		noClasses().that()
			.resideInAPackage("dev.nori.gateway..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.nori.eventing..", "jakarta.servlet..", "org.springframework.web.servlet..")
			.orShould()
			.dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe("servlet service defaults",
					(JavaClass type) -> type.getPackageName().startsWith("dev.nori.servicedefaults")
							&& !type.getPackageName().startsWith("dev.nori.servicedefaults.core")))
			.check(nori);
	}

	@Test
	void transportNeutralDefaultsStayOffTheServletApi() {
		noClasses().that()
			.resideInAPackage("dev.nori.servicedefaults.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.servlet..", "org.springframework.web.servlet..",
					"org.springframework.web.reactive..")
			.check(nori);
	}

}
