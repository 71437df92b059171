<#-- staff.removed (en), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Removed from the course: ${(course.name)!""}</#assign>
<@t.hello/>

The course team has cancelled your signup for the course <@t.coursePhrase c=course!{}/>; you are no longer signed up for it.

If you think this is a mistake, please contact the people who offer the course.

<@t.statusLink/>

<@t.footer/>
