import ArgumentParser
import GRDB
